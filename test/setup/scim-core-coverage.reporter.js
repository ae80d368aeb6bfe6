/**
 * istanbul coverage reporter (listed in jest.config.js coverageReporters): prints the line
 * coverage of libs/scim-core on its own line after a run with coverage (issue 2: "line coverage of
 * libs/scim-core at least 95%, reported by npm test"). Jest's text summary gives one figure for
 * everything collected (libs and src); the 95% floor itself is enforced by coverageThreshold.
 */
const { sep } = require('node:path');

const LIB = `${sep}libs${sep}scim-core${sep}src${sep}`;

class ScimCoreCoverageReport {
  execute(context) {
    let covered = 0;
    let total = 0;
    let files = 0;
    context.getTree('flat').visit({
      onDetail(node) {
        if (!node.getFileCoverage().path.includes(LIB)) return;
        const lines = node.getCoverageSummary().lines;
        covered += lines.covered;
        total += lines.total;
        files += 1;
      },
    }, context);
    if (total === 0) return;
    const pct = ((100 * covered) / total).toFixed(2);
    process.stdout.write(`libs/scim-core line coverage: ${pct}% (${covered}/${total} lines in ${files} files; floor 95%)\n`);
  }
}

module.exports = ScimCoreCoverageReport;
