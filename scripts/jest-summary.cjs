// Ends a jest run with one plain line, `tests: N passed, N failed, N skipped`, that any CI reads.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const skipped = numPendingTests + numTodoTests;
    process.stdout.write(`tests: ${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
