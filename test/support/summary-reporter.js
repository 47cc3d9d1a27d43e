// Prints the plain closing line CI reads ("N passed, N failed, N skipped") after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that cannot load (e.g. a mandatory PostgreSQL or Redis missing with CI=true) fails no test.
    const broken = results.numFailedTestSuites - countSuitesWithFailedTests(results);
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped` +
        (broken > 0 ? `; ${broken} test file(s) failed to run` : '') +
        '\n',
    );
  }
}

function countSuitesWithFailedTests(results) {
  return results.testResults.filter((suite) => suite.numFailingTests > 0).length;
}

module.exports = SummaryReporter;
