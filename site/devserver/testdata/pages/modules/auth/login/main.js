export default {
  greeting: "hello from login",

  greet(name) {
    return `${this.greeting}, ${name}`;
  },
};
