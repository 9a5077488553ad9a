// The jsPsych peer of Attune's rating screen: four visual-analog lines, one
// html-vas-response trial per line (the plugin draws one scale per screen:
// its elements have fixed ids), built from the npm packages by build.mjs.
// Like Attune and the Leptos counter it marks "attune-ready" once the first
// line is on screen and takes input (the trial's on_load runs after the
// plugin has drawn the scale and attached its listeners). The wording is the
// benchmark's own, neutral: it only needs the same amount of text as Attune.
import { initJsPsych } from 'jspsych';
import HtmlVasResponse from '@jspsych-contrib/plugin-html-vas-response';

const LINES = [
  ['Relationship', 'How did working together feel today?'],
  ['Goals and Topics', 'Did today cover what you wanted to cover?'],
  ['Approach or Method', 'How well did the way of working fit you?'],
  ['Overall', 'Taking everything together, how was today?'],
];

const jsPsych = initJsPsych();
jsPsych.run(LINES.map(([title, question], i) => ({
  type: HtmlVasResponse,
  stimulus: `<h1>How was today's session?</h1><p>Line ${i + 1} of ${LINES.length}: tap or drag on the line.</p>`
    + `<h2>${title}</h2><p>${question}</p>`,
  labels: ['Not at all', 'Completely'],
  scale_width: 378, // 10 cm at 96 px per inch, Attune's line length
  required: true,
  button_label: i + 1 < LINES.length ? 'Next' : 'Done',
  on_load: i === 0 ? () => performance.mark('attune-ready') : undefined,
})));
