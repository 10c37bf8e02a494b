// Input problems of the report and compare commands, each naming the file and what is wrong.

export type ReportInputKind = "read" | "json" | "shape" | "ndjson" | "tolerance";

export class ReportInputError extends Error {
  override name = "ReportInputError";
  readonly kind: ReportInputKind;
  /** the file concerned; "" when the problem is not in a file (e.g. a tolerance) */
  readonly file: string;
  /** the problem without the file name */
  readonly problem: string;
  constructor(kind: ReportInputKind, file: string, problem: string) {
    super(file === "" ? problem : `${file}: ${problem}`);
    this.kind = kind;
    this.file = file;
    this.problem = problem;
  }
}
