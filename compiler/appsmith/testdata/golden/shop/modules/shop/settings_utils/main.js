export default {
	async profile () {
		await getProfile.run();
		return getProfile.data && getProfile.data.data ? getProfile.data.data.profile : null;
	},
	slug: (s) => slugify(s),
	async rates () {
		await getRates1.run();
		return getRates1.data;
	},
}
