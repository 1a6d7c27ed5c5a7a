import { x } from './x.js';
export default {
  a() { return x; },
};
