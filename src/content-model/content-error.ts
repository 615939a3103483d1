/** A problem in a writer's file that stops the build, named by file and field. */
export class ContentError extends Error {
  constructor(file: string, field: string, problem: string) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'ContentError';
  }
}
