// Webpack config for `nest build` (both apps). The Nest CLI default compiles with ts-loader, which this
// workspace does not install; we transpile with @swc/core instead, with the same options as jest.config.js,
// so the bundle runs exactly the code the tests run. Type checking is `npm run typecheck` (tsc), not the
// bundler's job. node_modules stay external (nodeExternals from the Nest defaults): native modules such as
// better-sqlite3 are required at runtime from node_modules, never bundled.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The emulator finds its sample knowledge base at `<bundle dir>/../../knowledge-bases` (or under the
 * working directory). Copying it beside the bundles makes `node dist/apps/<app>/main.js` work from any cwd.
 */
class CopySampleKnowledgeBases {
  constructor(bundleFile) {
    this.bundleFile = bundleFile;
  }

  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopySampleKnowledgeBases', () => {
      const bundleDir = path.dirname(path.resolve(compiler.outputPath, this.bundleFile));
      const from = path.join(__dirname, 'libs/bedrock-emulator/knowledge-bases');
      fs.cpSync(from, path.resolve(bundleDir, '../../knowledge-bases'), { recursive: true });
    });
  }
}

/** @param {import('webpack').Configuration} options Nest CLI defaults */
module.exports = (options) => ({
  ...options,
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: path.join(__dirname, 'webpack.swc-loader.js') },
      },
    ],
  },
  plugins: [
    ...(options.plugins ?? []).filter((plugin) => plugin.constructor.name !== 'ForkTsCheckerWebpackPlugin'),
    new CopySampleKnowledgeBases(String(options.output?.filename ?? 'main.js')),
  ],
});
