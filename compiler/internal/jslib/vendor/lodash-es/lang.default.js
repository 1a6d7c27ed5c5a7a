import castArray from './castArray.js';
import clone from './clone.js';
import cloneDeep from './cloneDeep.js';
import cloneDeepWith from './cloneDeepWith.js';
import cloneWith from './cloneWith.js';
import conformsTo from './conformsTo.js';
import eq from './eq.js';
import gt from './gt.js';
import gte from './gte.js';
import isArguments from './isArguments.js';
import isArray from './isArray.js';
import isArrayBuffer from './isArrayBuffer.js';
import isArrayLike from './isArrayLike.js';
import isArrayLikeObject from './isArrayLikeObject.js';
import isBoolean from './isBoolean.js';
import isBuffer from './isBuffer.js';
import isDate from './isDate.js';
import isElement from './isElement.js';
import isEmpty from './isEmpty.js';
import isEqual from './isEqual.js';
import isEqualWith from './isEqualWith.js';
import isError from './isError.js';
import isFinite from './isFinite.js';
import isFunction from './isFunction.js';
import isInteger from './isInteger.js';
import isLength from './isLength.js';
import isMap from './isMap.js';
import isMatch from './isMatch.js';
import isMatchWith from './isMatchWith.js';
import isNaN from './isNaN.js';
import isNative from './isNative.js';
import isNil from './isNil.js';
import isNull from './isNull.js';
import isNumber from './isNumber.js';
import isObject from './isObject.js';
import isObjectLike from './isObjectLike.js';
import isPlainObject from './isPlainObject.js';
import isRegExp from './isRegExp.js';
import isSafeInteger from './isSafeInteger.js';
import isSet from './isSet.js';
import isString from './isString.js';
import isSymbol from './isSymbol.js';
import isTypedArray from './isTypedArray.js';
import isUndefined from './isUndefined.js';
import isWeakMap from './isWeakMap.js';
import isWeakSet from './isWeakSet.js';
import lt from './lt.js';
import lte from './lte.js';
import toArray from './toArray.js';
import toFinite from './toFinite.js';
import toInteger from './toInteger.js';
import toLength from './toLength.js';
import toNumber from './toNumber.js';
import toPlainObject from './toPlainObject.js';
import toSafeInteger from './toSafeInteger.js';
import toString from './toString.js';

export default {
  castArray, clone, cloneDeep, cloneDeepWith, cloneWith,
  conformsTo, eq, gt, gte, isArguments,
  isArray, isArrayBuffer, isArrayLike, isArrayLikeObject, isBoolean,
  isBuffer, isDate, isElement, isEmpty, isEqual,
  isEqualWith, isError, isFinite, isFunction, isInteger,
  isLength, isMap, isMatch, isMatchWith, isNaN,
  isNative, isNil, isNull, isNumber, isObject,
  isObjectLike, isPlainObject, isRegExp, isSafeInteger, isSet,
  isString, isSymbol, isTypedArray, isUndefined, isWeakMap,
  isWeakSet, lt, lte, toArray, toFinite,
  toInteger, toLength, toNumber, toPlainObject, toSafeInteger,
  toString
};
