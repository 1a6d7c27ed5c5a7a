export default {
	ok () { return 1; },
}
