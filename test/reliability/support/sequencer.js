// Runs the reliability specs in file-name order, so zz-hygiene (which reads every log of the run)
// comes last.
const Sequencer = require('@jest/test-sequencer').default;

class FileNameOrder extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}
module.exports = FileNameOrder;
