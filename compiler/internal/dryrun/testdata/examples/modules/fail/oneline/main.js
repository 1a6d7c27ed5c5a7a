export default { boom() { throw new Error("on line one"); }, ok: 1 };
