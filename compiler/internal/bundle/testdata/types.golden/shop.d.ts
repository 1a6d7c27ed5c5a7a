// Types of the modc package shop 1.0.0, generated from modules/shop. Do not edit.

/** What a query's last run answered. */
export interface ResponseMeta {
  statusCode: number | undefined;
  headers: Record<string, string>;
  isExecutionSuccess: boolean;
}

/** A query: run it, then read data. */
export interface Query<T = any> {
  /** Sends the request; resolves with the response data, rejects when it fails. */
  run(params?: Record<string, any>): Promise<T>;
  /** Forgets the last response: data and responseMeta as before any run. */
  clear(): Promise<void>;
  readonly data: T | undefined;
  readonly responseMeta: ResponseMeta;
  readonly isLoading: boolean;
}

/** The part of a fetch Response the runtime reads. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: {
    get(name: string): string | null;
    forEach(callback: (value: string, key: string) => void): void;
  };
  text(): Promise<string>;
}

/** A fetch function: globalThis.fetch or a stand-in. */
export type FetchFunction = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchResponse>;

/** Where the store persists: localStorage or any object with the Web Storage API. */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * What the platform functions module code calls do. Without a handler:
 * download saves a file, copyToClipboard writes the clipboard,
 * postWindowMessage posts to the parent window (to the page's own origin
 * unless given one), and showModal, closeModal and resetWidget, which need
 * an app's widgets, warn on the console.
 */
export interface PlatformActions {
  showModal?: (name: string) => unknown;
  closeModal?: (name: string) => unknown;
  resetWidget?: (name: string, resetChildren?: boolean) => unknown;
  download?: (data: unknown, fileName?: string, fileType?: string) => unknown;
  copyToClipboard?: (text: string, options?: Record<string, any>) => unknown;
  postWindowMessage?: (message: unknown, source?: string, targetOrigin?: string) => unknown;
}

/** Options of createInstance; I is the module's declared inputs. */
export interface InstanceOptions<I = Record<string, any>> {
  /** Sends queries (default globalThis.fetch). */
  fetch?: FetchFunction;
  /** Persists the store (default localStorage where it exists, else memory). */
  storage?: StorageLike;
  /** appsmith.user. */
  user?: Record<string, any>;
  /** Input values, read live; declared inputs default to module.json's values. */
  inputs?: Partial<I>;
  /** Shows showAlert messages (default console.info). */
  onAlert?: (message: string, style?: string) => void;
  /** Handles navigateTo (default: assign location). */
  onNavigate?: (target: string, params?: Record<string, any>, where?: string) => void;
  /** Handles showModal, download and the other platform functions. */
  actions?: PlatformActions;
  /** Called after any state of the instance or the store changed. */
  onChange?: () => void;
  /** Answer queries from their mock instead of the network. */
  mock?: boolean;
  /** The URL appsmith.URL describes (default location.href). */
  url?: string;
  /** appsmith.mode (default "PUBLISHED"). */
  mode?: string;
}

/**
 * A cart
 * Module shop/cart (js).
 */
export interface Cart {
  items: string[];
  /**
   * Adds an item.
   * @returns the number of items
   */
  add: ((sku: string) => number) & { readonly data: number | undefined };
}
export declare namespace Cart {
  /** The inputs declared in module.json, typed from their defaults. */
  export interface Inputs {
    currency: string;
    maxItems: number;
  }
}

/**
 * Module shop/modules (query).
 */
export type ModulesModule = Query<ModulesModule.Data>;
export declare namespace ModulesModule {
  /** The response data (the module has no mock to type it from). */
  export type Data = any;
  /** The inputs declared in module.json, typed from their defaults. */
  export type Inputs = Record<string, never>;
}

/**
 * Lists orders
 * Module shop/orders (query).
 */
export type Orders = Query<Orders.Data>;
export declare namespace Orders {
  /** The response data, typed from the mock in module.json. */
  export type Data = {
    total: number;
    "next-page": any;
    orders: {
      id: string | number;
      customer: {
        name: string;
        vip: boolean;
      };
      lines: {
        sku: string;
        qty: number;
        gift?: boolean;
      }[];
      note?: string;
      coupon?: string | null;
    }[];
    mixed: (number[] | string | number | null)[];
    empty: any[];
    meta: { [key: string]: any };
    deep: {
      a: {
        b: {
          c: {
            d: {
              e: {
                f: {
                  g: any;
                };
              };
            };
          };
        };
      };
    };
  };
  /** The inputs declared in module.json, typed from their defaults. */
  export interface Inputs {
    status: string;
    limit: number;
    expand: boolean;
    filter: {
      since: string;
      tags: string[];
    };
    cursor: any;
  }
}

/** The names of the package's modules. */
export type ModuleName = "cart" | "modules" | "orders";

/** The instance type of each module, by name: Modules["name"]. */
export interface Modules {
  "cart": Cart;
  "modules": ModulesModule;
  "orders": Orders;
}

/** The declared inputs of each module, by name. */
export interface ModuleInputs {
  "cart": Cart.Inputs;
  "modules": ModulesModule.Inputs;
  "orders": Orders.Inputs;
}

export declare const modules: ModuleName[];

/**
 * Creates an instance of shop/cart: a Main object with its own state; each function keeps its last result as .data.
 */
export declare function createInstance(name: "cart", options?: InstanceOptions<Cart.Inputs>): Cart;
/**
 * Creates an instance of shop/modules: a query object.
 */
export declare function createInstance(name: "modules", options?: InstanceOptions<ModulesModule.Inputs>): ModulesModule;
/**
 * Creates an instance of shop/orders: a query object.
 */
export declare function createInstance(name: "orders", options?: InstanceOptions<Orders.Inputs>): Orders;
/**
 * Creates an instance of the module name, typed from Modules: for generic code such as a useModule<K extends keyof Modules>(name: K) hook.
 */
export declare function createInstance<K extends ModuleName>(name: K, options?: InstanceOptions<ModuleInputs[K]>): Modules[K];

/** The package object, also at window.modc.packages.shop with the IIFE bundle. */
declare const pkg: {
  name: "shop";
  version: "1.0.0";
  modules: typeof modules;
  createInstance: typeof createInstance;
};
export default pkg;
