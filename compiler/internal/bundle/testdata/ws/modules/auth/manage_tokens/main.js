export default {
  /** @type {number} How many tokens this instance fetched. */
  fetched: 0,

  /**
   * Logs in and stores the new tokens.
   * @param {string} user the user name
   * @param {string} [password] the password
   * @returns {Promise<string>} the access token
   */
  async login(user, password = "") {
    const res = await api_authToken.run({ user, password });
    this.fetched++;
    this.storeToken(res.access_token, res.refresh_token);
    return res.access_token;
  },

  /**
   * Stores the tokens and the access token's expiry.
   * @param {string} accessToken
   * @param {string=} refreshToken
   */
  storeToken(accessToken, refreshToken) {
    storeValue("authAccessToken", accessToken);
    if (refreshToken) {
      storeValue("authRefreshToken", refreshToken);
    }
    storeValue("authAccessTokenExp", this.getTokenExpiry(accessToken));
  },

  /**
   * The expiry of a token, in milliseconds since the epoch.
   * @param {string} token a JWT
   * @returns {number|null}
   */
  getTokenExpiry(token) {
    try {
      return JSON.parse(atob(token.split(".")[1])).exp * 1000;
    } catch (error) {
      console.error("Error decoding token:", error);
      return null;
    }
  },

  /** @returns {boolean} whether the stored access token has expired */
  isExpired() {
    return !appsmith.store.authAccessTokenExp || Date.now() > appsmith.store.authAccessTokenExp;
  },

  // Gets a new access token with the refresh token.
  async refreshAccessToken() {
    const res = await api_refreshAuthToken.run();
    this.fetched++;
    this.storeToken(res.access_token);
  },

  /**
   * The access token, refreshed first when it has expired.
   * @returns {Promise<string>}
   */
  async getAccessToken() {
    if (!appsmith.store.authAccessToken || this.isExpired()) {
      await this.refreshAccessToken();
    }
    return appsmith.store.authAccessToken;
  },
};
