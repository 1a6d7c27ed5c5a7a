export default {
	b () { return 2; },
}
