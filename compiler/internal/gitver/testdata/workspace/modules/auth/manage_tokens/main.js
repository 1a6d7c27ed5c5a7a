export default {
  /**
   * Seconds before the real expiry at which a token already counts as
   * expired, so a request started now does not fail halfway.
   * @type {number}
   */
  expiryLeewaySeconds: 30,

  /**
   * Returns a valid access token: the stored one while it is valid, a
   * refreshed one when it has expired, a newly generated one when there is
   * none. Bind it with `{{JSModule_manage_tokens.getAccessToken.data}}`.
   * @returns {Promise<string>} the access token now in the store
   */
  async getAccessToken() {
    const token = appsmith.store.authAccessToken;
    if (!token) {
      await this.generateAccessToken();
    } else if (this.isAccessTokenExpired(token)) {
      await this.refreshAccessToken();
    }
    return appsmith.store.authAccessToken;
  },

  /**
   * Generates a new access token and refresh token by calling the
   * authorization API, and stores both.
   * @returns {Promise<void>}
   */
  async generateAccessToken() {
    await api_authToken.run();
    const generated = api_authToken.data;
    if (!generated || !generated.access_token) {
      throw new Error("Failed to generate an access token");
    }
    await this.storeToken(generated.access_token, generated.refresh_token);
  },

  /**
   * Exchanges the stored refresh token for a new access token. The API
   * rotates refresh tokens, so the new refresh token is stored too.
   * @returns {Promise<void>}
   */
  async refreshAccessToken() {
    await api_refreshAuthToken.run();
    const refreshed = api_refreshAuthToken.data;
    if (!refreshed || !refreshed.access_token) {
      throw new Error("Failed to refresh the access token");
    }
    await this.storeToken(refreshed.access_token, refreshed.refresh_token);
  },

  /**
   * Stores the access token, its expiry and, when given, the refresh token.
   * @param {string} accessToken a JWT
   * @param {string} [refreshToken] kept as it is when not given
   * @returns {Promise<void>}
   */
  async storeToken(accessToken, refreshToken) {
    await storeValue("authAccessToken", accessToken);
    if (refreshToken) {
      await storeValue("authRefreshToken", refreshToken);
    }
    await storeValue("authAccessTokenExp", this.getTokenExpiry(accessToken));
  },

  /**
   * Reads the expiry of a JWT: the `exp` claim of its payload, in seconds
   * since 1970 (not milliseconds).
   * @param {string} token a JWT
   * @returns {number|null} the expiry in seconds, or null when the token cannot be read
   */
  getTokenExpiry(token) {
    try {
      const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const padded = payload.padEnd(Math.ceil(payload.length / 4) * 4, "=");
      const exp = JSON.parse(atob(padded)).exp;
      return typeof exp === "number" ? exp : null;
    } catch (error) {
      console.error("Cannot decode the access token:", error);
      return null;
    }
  },

  /**
   * Tells whether a token has expired, or expires within
   * `expiryLeewaySeconds`. A token without a readable expiry counts as expired.
   * @param {string} token a JWT
   * @returns {boolean} true when the token must be replaced
   */
  isAccessTokenExpired(token) {
    const exp = this.getTokenExpiry(token);
    if (exp === null) {
      return true;
    }
    return Date.now() >= (exp - this.expiryLeewaySeconds) * 1000;
  },
};
