export default {
  // Generate a new access token by calling the authorization API
  async generateAccessToken() {
    await api_authToken.run();
    const generatedToken = api_authToken.data;
    if (generatedToken) {
      this.storeToken(generatedToken.access_token, generatedToken.refresh_token);
    }
  },

  /**
   * Store the access token.
   * @param {string} accessToken the token
   * @param {string} [refreshToken]
   */
  storeToken(accessToken, refreshToken) {
    storeValue("authAccessToken", accessToken);
    if (refreshToken) {
      storeValue("authRefreshToken", refreshToken);
    }
    storeValue("authAccessTokenExp", this.getTokenExpiry(accessToken));
  },

  getTokenExpiry(token) {
    try {
      return JSON.parse(atob(token.split('.')[1])).exp;
    } catch (error) {
      console.error('Error decoding token:', error);
      return null;
    }
  },
  count: 0,
  tokens: [1, 2],
  getCount: () => this.count,
  bad() { return api_authTokn.run() + this.strToken() + api_authToken.rnu() + window.x; },
  async getAccessToken(a = 1, {b, c: [d]} = {}, ...rest) {
    for (const x of rest) { d += x; }
    return appsmith.store.authAccessToken + a + b + d + inputs.x;
  },
};
