// Folder boundaries of ARCHITECTURE.md as a lint rule: folders depend only downward, and every
// package a layer imports must be classified for that layer (an unclassified dependency fails).
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Layers, matched by the first prefix that fits (most specific first).
 * `layers`: the src layers this layer may import; `packages`: npm packages it may import;
 * `node`: whether Node builtins are allowed; `electron`: whether `electron` is allowed.
 */
export const LAYERS = [
  {
    name: 'shared',
    dir: 'src/shared',
    layers: ['shared'],
    packages: ['zod'],
    node: false,
  },
  {
    name: 'protocol',
    dir: 'src/protocol',
    layers: ['protocol', 'shared'],
    packages: ['libsodium-wrappers-sumo', '@noble/curves', '@noble/hashes', 'zod', 'zstd-napi'],
    node: true,
  },
  {
    name: 'node',
    dir: 'src/node',
    layers: ['node', 'shared'],
    packages: ['sqlite3', 'zod'],
    node: true,
  },
  {
    name: 'server',
    dir: 'src/server',
    layers: ['server', 'protocol', 'node', 'shared'],
    packages: ['@peculiar/x509', 'reflect-metadata', 'ws', 'zod', 'sqlite3'],
    node: true,
  },
  {
    name: 'engine',
    dir: 'src/main/engine',
    layers: ['engine', 'protocol', 'node', 'shared'],
    packages: ['zod', 'ws'],
    node: true,
  },
  {
    name: 'host',
    dir: 'src/main/host',
    layers: ['host', 'engine', 'node', 'shared', 'server'],
    packages: ['ws', 'zod'],
    node: true,
  },
  {
    name: 'app',
    dir: 'src/main/app',
    layers: ['app', 'engine', 'node', 'shared', 'server'],
    packages: ['zod'],
    node: true,
    electron: true,
  },
  {
    name: 'relay',
    dir: 'src/relay',
    layers: ['relay', 'engine', 'protocol', 'node', 'shared', 'server'],
    packages: ['zod'],
    node: true,
  },
  {
    name: 'cli',
    dir: 'src/cli',
    layers: ['cli', 'engine', 'protocol', 'node', 'shared', 'server'],
    packages: ['zod'],
    node: true,
  },
  {
    name: 'renderer',
    dir: 'src/renderer',
    layers: ['renderer', 'shared'],
    packages: ['react', 'react-dom', 'zustand', 'zod', '@tanstack/react-virtual', 'qrcode'],
    node: false,
  },
];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export function layerOf(absFile) {
  const rel = path.relative(ROOT, absFile).split(path.sep).join('/');
  if (rel.startsWith('..')) return undefined;
  return LAYERS.find((l) => rel === l.dir || rel.startsWith(`${l.dir}/`));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function check(context, node, spec) {
  const file = context.filename;
  const from = layerOf(file);
  if (!from || typeof spec !== 'string') return;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = layerOf(path.resolve(path.dirname(file), spec));
    if (!target) {
      context.report({ node, message: `'${spec}' leaves src/: not allowed from ${from.name}` });
    } else if (!from.layers.includes(target.name)) {
      context.report({
        node,
        message: `${from.name} may not import from ${target.name} ('${spec}'); folders depend only downward (ARCHITECTURE.md)`,
      });
    }
    return;
  }
  if (builtins.has(spec)) {
    if (!from.node) {
      context.report({ node, message: `${from.name} may not import the Node builtin '${spec}'` });
    }
    return;
  }
  const pkg = packageName(spec);
  if (pkg === 'electron') {
    if (!from.electron) {
      context.report({ node, message: `${from.name} may not import electron (only src/main/app)` });
    }
    return;
  }
  if (!from.packages.includes(pkg)) {
    context.report({
      node,
      message: `'${pkg}' is not classified for ${from.name}: add it to eslint-rules/boundaries.js if this layer may use it`,
    });
  }
}

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder boundaries of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const visit = (node) => {
      if (node.source) check(context, node.source, node.source.value);
    };
    return {
      ImportDeclaration: visit,
      ExportNamedDeclaration: visit,
      ExportAllDeclaration: visit,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(context, node.source, node.source.value);
      },
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(context, node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { boundaries: boundariesRule } };
