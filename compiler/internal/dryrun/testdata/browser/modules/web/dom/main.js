export default {
	email() {
		const input = document.getElementById("email");
		return input.value;
	},
	open: () => window.open("https://example.com"),
};
