export default {
  // Allocates several times the memory limit in all, but keeps little:
  // garbage is no growth.
  churn(rounds) {
    let kept = 0;
    for (let i = 0; i < rounds; i++) {
      const a = new Uint8Array(1 << 18);
      for (let j = 0; j < 200; j++) {
        a[j] = j;
      }
      kept += a[i % 200] === i % 200 ? 1 : 0;
    }
    return kept;
  },
};
