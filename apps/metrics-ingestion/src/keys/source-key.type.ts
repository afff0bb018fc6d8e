/** What a request's API key allows: the source it stands for and the samples it may send. */
export interface SourceKey {
  id: string;
  name: string;
  services: ReadonlySet<string>;
  /** Empty: every region of its services. */
  regions: ReadonlySet<string>;
}
