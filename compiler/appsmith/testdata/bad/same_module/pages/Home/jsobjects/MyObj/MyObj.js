export default {
	a () { return 1; },
}
