export default {
  // Allocates several times the memory limit in all, but keeps little:
  // garbage is no growth, even when the collector falls behind.
  churn(rounds) {
    let kept = 0;
    for (let i = 0; i < rounds; i++) {
      const a = new Uint8Array(1 << 20);
      a[i % 100] = 1;
      kept += a[i % 100];
    }
    return kept;
  },
};
