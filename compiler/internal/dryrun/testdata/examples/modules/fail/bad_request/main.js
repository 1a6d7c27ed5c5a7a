export default {
  // The URL's binding reads a field of the null input: evaluating the
  // request throws before the mock answers.
  async search() {
    return await api_search.run();
  },
  // The header mixes text with an object whose JSON throws: the
  // requests' helper converts it, and its exception is the request's.
  async tagged() {
    return await api_tag.run({ tag: { toJSON() { throw new Error("no JSON for this tag"); } } });
  },
  // Mixed text with an object: the helper writes its JSON, and the
  // request evaluates.
  async plain() {
    return await api_tag.run({ tag: { id: 7 } });
  },
};
