// Command-line options shared by the bench and the soak: `--name value` pairs, and the target URL, which must be
// a loopback address (both put a machine under load: they must never be pointed at someone else's server).
const argv = process.argv.slice(2);

export const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};

export const num = (name, dflt) => Number(opt(name, dflt));

/** The --url option, or exits with status 2 when it is not a loopback address. */
export function loopbackUrl(what) {
  const url = opt("url", "http://127.0.0.1:18080");
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(url).hostname)) {
    console.error(`refusing ${url}: ${what} loopback addresses only`);
    process.exit(2);
  }
  return url;
}
