// Minimal webpack loader: TypeScript → CommonJS with @swc/core (legacy decorators + metadata, as Nest needs).
const { transform } = require('@swc/core');

module.exports = function swcLoader(source) {
  const callback = this.async();
  transform(source, {
    filename: this.resourcePath,
    sourceMaps: false,
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  }).then((output) => callback(null, output.code), callback);
};
