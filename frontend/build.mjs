// Builds the workbench's front end into the static folder (run `npm run build` here):
//
// - scss/application.scss -> static/css/application.css (compressed, no source map);
// - GOV.UK Frontend's and MOJ Frontend's JavaScript -> static/vendor/<package>/;
// - every file the compiled CSS names with url() -> static/vendor/<package>/assets/.
//
// Django's manifest storage (collectstatic) fails on a url() or sourceMappingURL naming a
// file that is not there, so this script checks every url() and strips the JavaScript's
// sourceMappingURL comments (the .map files are not shipped).

import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const staticDir = resolve(here, '..', 'static')
const cssFile = join(staticDir, 'css', 'application.css')

const packages = {
  'govuk-frontend': {
    dist: join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk'),
    script: 'govuk-frontend.min.js'
  },
  'moj-frontend': {
    dist: join(here, 'node_modules', '@ministryofjustice', 'frontend', 'moj'),
    script: 'moj-frontend.min.js'
  }
}

function compileStylesheet () {
  const result = sass.compile(join(here, 'scss', 'application.scss'), {
    loadPaths: [here],
    style: 'compressed',
    sourceMap: false,
    // Both packages still use Sass features that newer Sass warns about; ours must not.
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin']
  })
  mkdirSync(dirname(cssFile), { recursive: true })
  writeFileSync(cssFile, result.css + '\n')
  return result.css
}

// Copies each file a url() in the CSS names from its package's assets folder.
function copyReferencedAssets (css) {
  const urls = new Set()
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const url = match[2]
    if (!url.startsWith('data:')) urls.add(url)
  }
  for (const url of urls) {
    if (url.startsWith('/') || /^[a-z]+:/i.test(url)) {
      throw new Error(`application.css names ${url}: only relative paths work with collectstatic`)
    }
    const target = posix.join('css', url)
    const [top, name, assets, ...rest] = target.split('/')
    if (top !== 'vendor' || !(name in packages) || assets !== 'assets') {
      throw new Error(`application.css names ${url}, outside static/vendor/<package>/assets/`)
    }
    const source = join(packages[name].dist, 'assets', ...rest)
    const destination = join(staticDir, target)
    mkdirSync(dirname(destination), { recursive: true })
    copyFileSync(source, destination)
    console.log(`asset   ${relative(staticDir, destination)}`)
  }
}

function copyScripts () {
  for (const [name, { dist, script }] of Object.entries(packages)) {
    const text = readFileSync(join(dist, script), 'utf8')
    const stripped = text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
    writeFileSync(join(staticDir, 'vendor', name, script), stripped)
    console.log(`script  vendor/${name}/${script}`)
  }
}

// A clean start, so an asset the new CSS no longer names does not linger. LICENSE files stay.
for (const name of Object.keys(packages)) {
  rmSync(join(staticDir, 'vendor', name, 'assets'), { recursive: true, force: true })
  mkdirSync(join(staticDir, 'vendor', name), { recursive: true })
}
const css = compileStylesheet()
console.log(`css     ${relative(staticDir, cssFile)} (${css.length} characters)`)
copyReferencedAssets(css)
copyScripts()
