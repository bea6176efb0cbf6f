/**
 * Generator objects, shared by generators and both modes' async generators: as native ones, a
 * generator object is an ordinary object with no own properties, whose prototype is the generator
 * function's `prototype` *at the call* (or the kind's shared prototype when that is not an
 * object), and whose internal slot holds its state — here the compiled frame, in a private field
 * stamped onto the object. The shared prototype's methods (`next`, `throw`, `return`) find the
 * frame through that slot and reject other receivers with a TypeError, as native ones do.
 *
 * @example
 * ```js
 * // compiled:  function* g() { yield 1; }
 * var g = defineGenerator((_self) => ({ g() { return createGenerator(_self.fn, new _g$Frame(_g$step)); } }).g, _g$Frame);
 * Object.getPrototypeOf(g()) === g.prototype;   // true; Object.getOwnPropertyNames(g()) is []
 * ```
 */
// Unused by the default build (native private fields); the ES2015 build's lowered `#frame` calls them.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
import { __classPrivateFieldGet, __classPrivateFieldSet } from "./es2015-helpers.js";
import { isObject } from "./get-iterator.js";

/** One kind of generator object (Generator, AsyncGenerator): its shared prototype and its slot. */
export interface GeneratorKind<F> {
  /** %GeneratorPrototype% or %AsyncGeneratorPrototype% of this runtime. */
  readonly prototype: object;
  /** Stores `frame` in `object`'s slot. */
  attach(object: object, frame: F): void;
  /** The frame in `object`'s slot, or undefined when `object` is not a generator of this kind. */
  frameOf(object: unknown): F | undefined;
}

/** What compiled frame classes of every generator kind have on their prototype. */
export interface GeneratorFrameBase {
  readonly $kind: GeneratorKind<unknown>;
}

/** A base whose constructor returns the object it is given, so a subclass stamps its fields on it. */
class Stamp {
  constructor(object: object) {
    return object as Stamp;
  }
}

/** A kind whose generator objects inherit from `prototype`, with a private slot of its own. */
export function generatorKind<F>(prototype: object): GeneratorKind<F> {
  class Slot extends Stamp {
    #frame: F;
    constructor(object: object, frame: F) {
      super(object);
      this.#frame = frame;
    }
    static frameOf(object: unknown): F | undefined {
      // One private read (a brand check that throws for anything else): natively as fast as
      // `#frame in object`, and one WeakMap lookup where the ES2015 build lowers it.
      try {
        return (object as Slot).#frame;
      } catch {
        return undefined;
      }
    }
  }
  return {
    prototype,
    attach: (object, frame) => void new Slot(object, frame),
    frameOf: Slot.frameOf,
  };
}

/** Marks a runtime frame class as the frames of `kind`'s generator objects. */
export function setGeneratorKind(frameClass: { prototype: object }, kind: GeneratorKind<never>): void {
  Object.defineProperty(frameClass.prototype, "$kind", { value: kind });
}

/**
 * The generator object of a call (OrdinaryCreateFromConstructor): it inherits from
 * `fn.prototype` read now, or from the kind's shared prototype when that is not an object, or
 * when `fn` is undefined (a generator method, which compiled code cannot refer to).
 */
export function createGenerator(fn: { prototype?: unknown } | undefined, frame: GeneratorFrameBase): object {
  const kind = frame.$kind;
  const proto = fn === undefined ? undefined : fn.prototype;
  const object = Object.create(isObject(proto) ? proto : kind.prototype) as object;
  kind.attach(object, frame);
  return object;
}

/**
 * Defines a compiled generator function: `make(self)` creates it (a method of a throwaway object,
 * so it is no constructor), `self.fn` is then the function itself, for its body to read its
 * `prototype` at each call; its own `prototype` is a fresh object inheriting from the kind's
 * shared prototype, as each evaluation of a generator function gets one.
 */
export function defineGenerator<F extends Function>(
  make: (self: { fn: F | undefined }) => F,
  frameClass: { prototype: GeneratorFrameBase },
): F {
  const self: { fn: F | undefined } = { fn: undefined };
  const fn = make(self);
  self.fn = fn;
  const prototype = Object.create(frameClass.prototype.$kind.prototype) as object;
  Object.defineProperty(fn, "prototype", { value: prototype, writable: true, enumerable: false, configurable: false });
  return fn;
}

/**
 * Gives compiled generator methods of `home` (an object literal, a class or its prototype) their
 * own `prototype`, as generator methods have: each listed method is replaced by a function of the
 * same name and length that is no constructor, owns a fresh `prototype` inheriting from the
 * kind's shared prototype, and gives the objects the method returns that `prototype` as read
 * after the call (the language reads it after evaluating the parameters, before the body runs).
 */
export function defineGeneratorMethods<H extends object>(home: H, methods: [PropertyKey, { prototype: GeneratorFrameBase }][]): H {
  // An index loop: user code may have replaced Array.prototype[Symbol.iterator].
  for (let i = 0; i < methods.length; i++) {
    const key = methods[i]![0];
    const frameClass = methods[i]![1];
    const descriptor = Object.getOwnPropertyDescriptor(home, key);
    const method = descriptor?.value as ((...args: unknown[]) => object) | undefined;
    if (typeof method !== "function") continue;
    const replacement = {
      method(this: unknown, ...args: unknown[]): object {
        const generator = Reflect.apply(method, this, args);
        const proto = (replacement as { prototype?: unknown }).prototype;
        if (proto !== null && (typeof proto === "object" || typeof proto === "function")) Object.setPrototypeOf(generator, proto);
        return generator;
      },
    }.method;
    Object.defineProperty(replacement, "length", { value: method.length });
    Object.defineProperty(replacement, "name", { value: method.name });
    const prototype = Object.create(frameClass.prototype.$kind.prototype) as object;
    Object.defineProperty(replacement, "prototype", { value: prototype, writable: true, enumerable: false, configurable: false });
    Object.defineProperty(home, key, { ...descriptor, value: replacement });
  }
  return home;
}

/**
 * Gives a class's compiled generator methods their own `prototype` (`defineGeneratorMethods` on
 * its prototype for `instance`, on the class for `statics`) and returns the class. `name`: the
 * name NamedEvaluation would have given the class expression, set when the class is anonymous
 * (its own `name` is the empty string, or absent on older engines).
 *
 * @example
 * ```js
 * // compiled:  const Bag = class { *items() {…} };
 * const Bag = defineClassGeneratorMethods(class { items() {…} }, [["items", _items$Frame]], [], "Bag");
 * ```
 */
export function defineClassGeneratorMethods<C extends Function>(
  cls: C,
  instance: [PropertyKey, { prototype: GeneratorFrameBase }][],
  statics: [PropertyKey, { prototype: GeneratorFrameBase }][],
  name?: string | symbol,
): C {
  defineGeneratorMethods(cls.prototype as object, instance);
  defineGeneratorMethods(cls, statics);
  if (name !== undefined) {
    const own = Object.getOwnPropertyDescriptor(cls, "name");
    if (own === undefined || (own.value === "" && own.writable === false)) {
      // SetFunctionName: a symbol key names the class "[description]" (or "" without one).
      const value = typeof name === "symbol" ? symbolName(name) : name;
      Object.defineProperty(cls, "name", { value, writable: false, enumerable: false, configurable: true });
    }
  }
  return cls;
}

/** SetFunctionName's name for a symbol key: "[description]", or "" without one (ES2015 engines have no `description`: read from `String(symbol)`). */
function symbolName(symbol: symbol): string {
  const text = String(symbol);
  const description = "description" in Symbol.prototype ? symbol.description : text === "Symbol()" ? undefined : text.slice(7, -1);
  return description === undefined ? "" : `[${description}]`;
}
