/**
 * Requests carry parameters beside the capability they ask for: file paths
 * ("./test_project_root/src/config/settings.yaml"), URLs, CSS selectors ("#login-button").
 * Their words ("test", "project", "config", "login") name the user's data, not a
 * server's capability, yet they match unrelated tools. This pass takes them out of the
 * text and keeps only what they say about the capability: the file type (the extension)
 * and the site a URL points at.
 */

/** File types worth keeping as a word: each names a format some servers specialise in. */
const EXTENSIONS = new Set(
  (
    'txt md markdown csv tsv json jsonl yaml yml xml html htm pdf doc docx xls xlsx ppt pptx odt rtf epub ' +
    'py js ts tsx jsx java go rs rb php c cpp h cs swift kt sql sh ipynb toml ini cfg conf env log ' +
    'png jpg jpeg gif svg webp bmp tiff ico mp3 wav flac ogg m4a mp4 mov avi mkv webm zip tar gz parquet db sqlite'
  ).split(' '),
);

/** What a file type is called in words, as servers describe what they read or write. */
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  xlsx: 'excel spreadsheet', xls: 'excel spreadsheet', tsv: 'csv', docx: 'word document', doc: 'word document',
  pptx: 'powerpoint presentation', ppt: 'powerpoint presentation', md: 'markdown',
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', webp: 'image', bmp: 'image', tiff: 'image', svg: 'svg image',
  mp3: 'audio', wav: 'audio', flac: 'audio', ogg: 'audio', m4a: 'audio', mp4: 'video', mov: 'video', avi: 'video', mkv: 'video', webm: 'video',
  py: 'python', ipynb: 'jupyter notebook', js: 'javascript', ts: 'typescript', html: 'html', htm: 'html', txt: 'text',
  sqlite: 'sqlite database', db: 'database', zip: 'archive', tar: 'archive', gz: 'archive', epub: 'ebook',
};

const FORMAT_NAMES = new Set(['excel', 'markdown', 'powerpoint', 'spreadsheet', 'image', 'images', 'audio', 'video', 'videos', 'photos']);

/** Host labels that say nothing about the site. */
const HOST_NOISE = new Set(['www', 'm', 'en', 'mobile', 'api', 'app', 'com', 'org', 'net', 'io', 'co', 'uk', 'cn', 'de', 'dev', 'edu', 'gov', 'html']);

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s'"<>()]+/gi;
/** Slash-joined names, or a name after ./ ../ ~/ /; the caller rejects prose such as "and/or". */
const PATH_RE = /(?<=^|[\s'"(=`])(?:~|\.{1,2})?\/?[\w.@-]+(?:\/[\w.@-]*)+|(?<=^|[\s'"(=`])(?:~|\.{1,2})\/[\w.@-]*/g;
const DOMAIN_HEAD = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\//i;
/** A bare file name with a known extension ("README.md", "report_2024.xlsx"). */
const FILE_RE = /(?<=^|[\s'"(=`])[\w@-][\w.@-]*\.([a-z0-9]{1,8})(?=$|[\s'"),;:!?`]|\.(?:\s|$))/gi;
/** snake_case identifiers in prose ("test_project_root") are the user's names for things. */
const IDENT_RE = /(?<=^|[\s'"(`])[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?=$|[\s'"),;:!?`.])/g;
/** Extensions that are also product suffixes ("node.js", "next.js"): only trusted inside a path. */
const AMBIGUOUS_BARE = new Set(['js', 'ts', 'go', 'rs', 'c', 'h', 'sh', 'env', 'log', 'db', 'io', 'conf', 'cfg']);
/** Sentence punctuation a URL or path swallowed. */
const TRAILING = /[.,;:!?)\]]+$/;

/** Opaque tokens of 24+ characters: base64 payloads and keys (mixed case and digits), hashes and UUIDs (hex). */
const BLOB_RE = /[A-Za-z0-9+/=_-]{24,}/g;
const isBlob = (t: string): boolean => (/[a-z]/.test(t) && /[A-Z]/.test(t) && /[0-9]/.test(t)) || /^[0-9a-f-]+$/i.test(t);

/** CSS selectors: "#login-button", ".nav-item", "[data-test=x]". */
const SELECTOR_RE = /(?<=^|[\s'"(`])(?:#[a-z][\w-]*|\.[a-z][\w-]*-[\w-]*|\[[\w-]+(?:=[^\]\s]*)?\])(?=$|[\s'"),;:!?`.])/gi;

export interface RequestLiterals {
  /** The request with literals replaced by spaces. */
  readonly text: string;
  /** Capability words the literals carry: file extensions and site names. */
  readonly cues: readonly string[];
  /** The literals taken out (the user's data), for tests and explanations. */
  readonly literals: readonly string[];
}

function extensionOf(name: string): string | undefined {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  const ext = m?.[1]?.toLowerCase();
  return ext && EXTENSIONS.has(ext) ? ext : undefined;
}

function formatCue(ext: string): string {
  return [...new Set([ext, ...(FORMAT_WORDS[ext] ?? '').split(' ')])].filter(Boolean).join(' ');
}

function siteOf(url: string): string | undefined {
  const host = url.replace(/^https?:\/\//i, '').split(/[/?#:]/)[0] ?? '';
  const labels = host.toLowerCase().split('.').filter((l) => l.length > 1 && !HOST_NOISE.has(l));
  return labels[labels.length - 1];
}

export function extractLiterals(request: string): RequestLiterals {
  const cues: string[] = [];
  const literal: string[] = [];
  const blank = (s: string): string => ' '.repeat(s.length);
  // Trailing punctuation stays in the text: it still ends a clause for splitRequest.
  const cut = (match: string, keep: (core: string) => void): string => {
    const core = match.replace(TRAILING, '');
    keep(core);
    literal.push(core);
    return blank(core) + match.slice(core.length);
  };
  let text = request.replace(URL_RE, (url) =>
    cut(url, (core) => {
      const site = siteOf(core);
      if (site) cues.push(site);
    }),
  );
  text = text.replace(PATH_RE, (path) => {
    const core = path.replace(TRAILING, '');
    // "and/or", "TCP/IP", "input/output" are prose: a path is rooted, deeper, or ends in a file name.
    const rooted = /^(?:~|\.{1,2})?\//.test(core);
    if (!rooted && (core.match(/\//g) ?? []).length < 2 && !extensionOf(core)) return path;
    return cut(path, (core) => {
      // "github.com/owner/repo" without a scheme is a URL: its site is the cue.
      if (!rooted && DOMAIN_HEAD.test(core)) {
        const site = siteOf(core);
        if (site) cues.push(site);
        return;
      }
      const ext = extensionOf(core.replace(/\/+$/, ''));
      const said = new Set<string>();
      if (ext) {
        cues.push(formatCue(ext));
        for (const w of formatCue(ext).split(' ')) said.add(w);
      }
      // A folder named after a file type ("/root/pdf/papers") says what it holds.
      for (const dir of core.split('/').slice(0, -1)) {
        const d = dir.toLowerCase();
        if (said.has(d) || !(EXTENSIONS.has(d) || FORMAT_NAMES.has(d))) continue;
        const cue = FORMAT_NAMES.has(d) ? d : formatCue(d);
        cues.push(cue);
        for (const w of cue.split(' ')) said.add(w);
      }
    });
  });
  text = text.replace(FILE_RE, (name: string, ext: string) => {
    const e = ext.toLowerCase();
    if (!EXTENSIONS.has(e) || AMBIGUOUS_BARE.has(e)) return name;
    cues.push(formatCue(e));
    literal.push(name);
    // A plain-word name is often a convention that names the tool ("llms.txt", "package.json", "app.json").
    const base = name.slice(0, name.length - ext.length - 1);
    return /^[A-Za-z]+(?:-[A-Za-z]+)*$/.test(base) ? `${base} ${blank(ext)}` : blank(name);
  });
  text = text.replace(BLOB_RE, (blob) => {
    if (!isBlob(blob)) return blob;
    literal.push(blob);
    return blank(blob);
  });
  text = text.replace(IDENT_RE, (id) => {
    literal.push(id);
    return blank(id);
  });
  text = text.replace(SELECTOR_RE, (sel) => {
    literal.push(sel);
    return blank(sel);
  });
  return { text, cues, literals: literal };
}
