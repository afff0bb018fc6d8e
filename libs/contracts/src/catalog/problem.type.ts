/**
 * One thing wrong with an input file, precise enough for a person to fix it without reading
 * the loader: `catalog.yaml:42:9 agreements[2].objectives[0].target: expected a duration like "15m"`.
 */
export interface Problem {
  file: string;
  /** 1-based; absent when the problem concerns the file as a whole. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Where in the document, e.g. `agreements[2].objectives[0].target`; '' for the whole file or line. */
  path: string;
  message: string;
}

