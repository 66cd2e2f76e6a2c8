/**
 * File paths and links in a request are arguments, not words about the capability: the folders of
 * "./test_project_root/docs" would match a server named "Project" and "/root/excel/x.xlsx" would name
 * a product "X". What they do say is their kind: a file's extension, a link's site.
 */
/** Trailing punctuation ends the sentence, not the link or path. */
const URL = /\bhttps?:\/\/[^\s'"<>)\]]*[^\s'"<>)\].,;:!?]/gi;
const PATH = /(?<![\w/])(?:~|\.{1,2})?\/[^\s'"<>)\],;]*[^\s'"<>)\].,;:!?]/g;
const EXTENSIONS = 'md|markdown|txt|csv|tsv|xlsx|xls|docx|doc|pdf|pptx|ppt|png|jpe?g|gif|svg|webp|heic|wav|mp3|flac|mp4|mov|json|html?|xml|ya?ml|py|js|ts|zip|log';
/** A kind of file named on its own ("a PDF report", "the CSV"): a format the request wants, not a product. */
const FILE_FORMAT = new RegExp(`^(?:${EXTENSIONS})$`, 'i');
const FILE_NAME = new RegExp(`\\b[\\w-]+\\.(${EXTENSIONS})\\b`, 'gi');
const SECOND_LEVEL = /^(?:co|com|org|net|gov|ac|edu)$/;

export function isFileFormat(word: string): boolean {
  return FILE_FORMAT.test(word);
}

/** The request with every link and path blanked out, character for character (positions still line up). */
export function maskArguments(text: string): string {
  return text.replace(URL, blank).replace(PATH, blank).replace(FILE_NAME, blank);
}

/** What the catalog search should read: a link becomes its site's name, a path or file name its kind of file. */
export function searchableText(text: string): string {
  return text
    .replace(URL, (url) => siteName(url))
    .replace(PATH, (path) => extensionOf(path) ?? folderOf(path))
    .replace(FILE_NAME, (_name, ext: string) => kindOf(ext))
    .replace(/\s+/g, ' ')
    .trim();
}

function blank(match: string): string {
  return ' '.repeat(match.length);
}

/** "https://www.youtube.com/watch?v=x" → "youtube"; "https://docs.python.org/3/" → "docs python". */
function siteName(url: string): string {
  const host = url.replace(/^https?:\/\//i, '').split(/[/?#:]/)[0].toLowerCase();
  const labels = host.split('.').filter((l) => l && l !== 'www');
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.test(labels[labels.length - 1])) labels.pop();
  return labels.join(' ') || host;
}

/** The words a file's extension stands for, as catalogs describe the servers that read or write it. */
const KINDS: Record<string, string> = {
  md: 'markdown', markdown: 'markdown', txt: 'text file', log: 'log file', csv: 'csv file', tsv: 'csv file',
  xlsx: 'excel spreadsheet', xls: 'excel spreadsheet', docx: 'word document', doc: 'word document', pdf: 'pdf document',
  pptx: 'powerpoint presentation', ppt: 'powerpoint presentation', png: 'image', jpg: 'image', jpeg: 'image', gif: 'image',
  svg: 'svg image', webp: 'image', heic: 'image', wav: 'audio file', mp3: 'audio file', flac: 'audio file', mp4: 'video',
  mov: 'video', json: 'json file', html: 'html page', htm: 'html page', xml: 'xml file', yaml: 'yaml file', yml: 'yaml file',
  py: 'python file', js: 'javascript file', ts: 'typescript file', zip: 'zip archive',
};

function kindOf(ext: string): string {
  return KINDS[ext.toLowerCase()] ?? `${ext.toLowerCase()} file`;
}

/** Folder names that say what kind of files a folder holds, beside the extensions themselves. */
const FOLDER_KINDS: Record<string, string> = { word: 'word document', excel: 'excel spreadsheet', powerpoint: 'powerpoint presentation', images: 'image', music: 'audio file', videos: 'video' };

/** "/root/pdf/embodied_ai_papers" is a folder of PDF documents: the folder names that name a kind of file say so. */
function folderOf(path: string): string {
  const kinds = path
    .toLowerCase()
    .split(/[/\\]+/)
    .map((part) => FOLDER_KINDS[part] ?? (new RegExp(`^(?:${EXTENSIONS})$`).test(part) ? kindOf(part) : undefined))
    .filter((kind): kind is string => kind !== undefined);
  return [...new Set(kinds), 'folder'].join(' ');
}

function extensionOf(path: string): string | undefined {
  const match = new RegExp(`\\.(${EXTENSIONS})$`, 'i').exec(path.replace(/[.]+$/, ''));
  return match ? kindOf(match[1]) : undefined;
}
