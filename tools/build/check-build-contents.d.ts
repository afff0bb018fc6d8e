// Types for check-build-contents.js (plain CommonJS, run by CI without a compile step).
export interface BuildFile {
  file: string;
  /** The file whose import brought it into the build; undefined when the config lists it. */
  importedBy: string | undefined;
  imports: string[];
}
export declare function buildFiles(root: string, configFile?: string): BuildFile[];
export declare function testCodeInBuild(root: string, configFile?: string): Array<{ file: string; reason: string }>;
