// Babel's TypeScript plugin ships no types of its own: a plugin factory, as Babel calls it.
declare module "@babel/plugin-transform-typescript" {
  const plugin: (api: unknown, options?: Record<string, unknown>) => unknown;
  export default plugin;
}
