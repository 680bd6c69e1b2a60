import type { ProblemCodeInfo } from './types.js';

const e = (
  code: string,
  name: string,
  title: string,
  explanation: string,
  severity: ProblemCodeInfo['severity'] = 'error',
): ProblemCodeInfo => ({ code: `SHOUTU-${code}`, name, severity, title, explanation });

/** Problem codes for JSON syntax (J), shapes of files (S), rules (R), registry (G), forms (F), project and configuration (P), report data (D), waivers (W). */
export const INPUT_CODES: readonly ProblemCodeInfo[] = [
  // J: JSON syntax
  e(
    'J001',
    'empty-file',
    'The file is empty',
    'A JSON file must hold one object `{ … }`. Write its content, or remove the file.',
  ),
  e(
    'J002',
    'nested-too-deep',
    'Arrays and objects nest deeper than allowed',
    'Shoutu reads at most a fixed number of levels of `[ ]` and `{ }`, so that no file can exhaust the reader. Flatten the file: no rule, form or report needs that many levels.',
  ),
  e(
    'J003',
    'invalid-json',
    'The file is not valid JSON',
    'The message says what was expected at the place. Only the first syntax error is reported: after it, the rest of the file cannot be read reliably. An editor with JSON support (and the schemas in `packages/core/schemas`) shows the mistake as you type.',
  ),
  e(
    'J004',
    'single-quotes',
    'Text or a name is in single quotes',
    'JSON needs double quotes around text and names: write `"severity": "major"`, not `\'severity\': \'major\'`.',
  ),
  e(
    'J005',
    'lookalike-punctuation',
    'A curly quote or full-width punctuation instead of JSON punctuation',
    'An input method (for example a Chinese keyboard) typed `“ ” ， ：` where JSON needs the plain `" , :`. Switch to half-width input and retype the character.',
  ),
  e(
    'J006',
    'trailing-comma',
    'A comma after the last item',
    'JSON allows no comma before `}` or `]`: remove the comma after the last item.',
  ),
  e(
    'J007',
    'duplicate-field',
    'A field name appears twice in the same object',
    'Only one of the two values would be used, silently. Keep one of them.',
  ),
  e(
    'J008',
    'forbidden-field-name',
    'A field name that is not allowed (`__proto__`, `constructor`, `prototype`)',
    'These names are refused in every file, so that no data can change how the program works. Rename the field.',
  ),
  e(
    'J009',
    'number-out-of-range',
    'A number too large to be kept exactly',
    'JSON numbers past 2^53 lose digits silently, and past about 1.8e308 they cannot be read. Write a code such as an identity number as text in double quotes.',
  ),
  e(
    'J010',
    'more-problems',
    'More problems in the file than are listed',
    'Past a fixed number of problems in one file the rest are counted, not listed. Fix the ones listed and check again.',
  ),
  e(
    'J011',
    'tab-in-text',
    'A tab typed inside a text',
    'JSON allows no tab character between double quotes. Write `\\t` for a tab, or (usually what was meant) a space.',
  ),
  e(
    'J012',
    'unquoted-name',
    'A field name without double quotes',
    'JSON is not JavaScript or YAML: every field name needs double quotes. Write `"severity": "critical"`, not `severity: "critical"`.',
  ),
  e(
    'J013',
    'unquoted-text',
    'A word written without double quotes',
    'Text values need double quotes in JSON: write `"severity": "critical"`, not `"severity": critical`. Only numbers, `true`, `false` and `null` go without quotes.',
  ),
  e(
    'J014',
    'percent-sign',
    'A number written with a percent sign',
    'JSON numbers have no `%`: write `90`, not `90%`. Whether a number is a percent or a fraction is said by the field it is compared with (its unit in the form).',
  ),

  // S: shape of a file
  e(
    'S001',
    'unknown-field',
    'A field that this kind of file does not have',
    'Usually a misspelt name (`"serverity"` for `"severity"`): the message suggests the nearest allowed name and lists all of them. Fields are case-sensitive.',
  ),
  e(
    'S002',
    'missing-field',
    'A required field is missing',
    'Add the field. When a field with a similar name is present, that one is reported as unknown instead (one mistake, one problem).',
  ),
  e(
    'S003',
    'wrong-type',
    'A value of the wrong type',
    'For example text where a number is expected (`"5"` instead of `5`), or an object where a list is expected. The message says what was expected and what was found.',
  ),
  e(
    'S004',
    'not-allowed-value',
    'A value that is not one of the allowed values',
    'The message lists the allowed values; write one of them exactly (they are case-sensitive).',
  ),
  e(
    'S005',
    'out-of-range',
    'A number, text or list too small or too large',
    'The message gives the least or greatest allowed value, length or number of items.',
  ),
  e(
    'S006',
    'bad-format',
    'Text that does not have the expected format',
    'For example a date that is not written `YYYY-MM-DD`, or an id with characters that are not allowed. The message says the format.',
  ),
  e(
    'S007',
    'invalid-value',
    'A value that breaks a rule of the file format',
    'The message says which rule of the format is broken (for example bands out of order in `rules/scoring.json`, or an area listed twice) and what was expected.',
  ),
  e(
    'S008',
    'no-matching-form',
    'A value that matches none of the forms it may take',
    'Some fields take one of several shapes (a condition is either `{ "fact": …, "operator": …, "value": … }`, `{ "all": [ … ] }`, `{ "any": [ … ] }`, `{ "not": … }` or `{ "condition": … }`). Write one of them.',
  ),
  e(
    'S009',
    'groups-side-by-side',
    'Two condition groups in one object',
    'An object holds one group: `"all"`, `"any"` or `"not"`, not two of them side by side. Nest one inside the other: `{ "all": [ { … }, { "any": [ … ] } ] }` (all of these, and at least one of those).',
  ),

  // R: rules
  e(
    'R001',
    'unknown-area',
    'The rule names an area that the scoring method does not have',
    'A rule belongs to one of the policy areas listed in `rules/scoring.json`. Use one of them, or add the area there.',
  ),
  e(
    'R002',
    'unknown-level',
    'A level that the registry does not have',
    'Rules apply to the units of one level of the registry (`data/registry`). Use one of the levels the message lists.',
  ),
  e(
    'R003',
    'unknown-place-type',
    'A place type that the registry does not have',
    'Use a place type of the registry (`placeTypes`). A mistyped place type is reported once, where it is written in `appliesTo`, not again at every condition.',
  ),
  e(
    'R004',
    'personal-fact',
    'A rule uses a personal field',
    'Personal data (names, phone numbers) never reaches rules or results. Use a count or a yes/no fact instead.',
  ),
  e(
    'R005',
    'fact-not-available',
    "The fact is not reported by the rule's subjects",
    'A fact comes from a form filled in by some units or places, or from a registry attribute of some of them. A rule may only use facts that every one of its subjects has: change `appliesTo`, or use another fact. `shoutu facts` lists who has which fact.',
  ),
  e(
    'R006',
    'unknown-shared-condition',
    'The rule names a shared condition that does not exist',
    'A `{ "condition": "name" }` needs a file `rules/conditions/name.json`. Check the name, or create the file.',
  ),
  e(
    'R007',
    'shared-condition-cycle',
    'A shared condition refers back to itself',
    'The chain in the message leads back where it started, so the conditions would never end. Break the cycle.',
  ),
  e(
    'R008',
    'conditions-too-large',
    'The conditions nest too deep or grow too long when shared conditions are written out',
    'Shared conditions that use each other over and over multiply. Simplify them.',
  ),
  e(
    'R009',
    'needless-path-or-params',
    '`path` or `params` in a condition',
    "Shoutu's facts are plain values and take no parameters: remove `path` and `params`.",
  ),
  e(
    'R010',
    'operator-mismatch',
    "The operator or value does not fit the fact's type or range",
    'For example `greaterThan` on a yes/no fact, text compared with a number, a value outside the range of the form field, or `in` without a list. The message says what was expected.',
  ),
  e(
    'R011',
    'unit-mismatch',
    "The threshold's unit differs from the fact's",
    'A condition may say the unit of its value (`"unit": "%"`); it must be the unit of the fact, so that 0.9 is never read as 90 %.',
  ),
  e(
    'R012',
    'unknown-fact',
    'A fact that no form or registry attribute gives',
    'Facts are `<form>.<field>` (and `subject.<attribute>`). The message suggests the nearest known fact; `shoutu facts` and `rules/FACTS.md` list them all.',
  ),
  e(
    'R013',
    'rule-outside-area-folder',
    'A rule file that is not in the folder of an area',
    'Rules sit in `rules/<area>/`. Move the file into the folder of its area.',
  ),
  e(
    'R014',
    'not-a-json-file',
    'A file in the rules folder that is not JSON',
    'Rules, rule tests and shared conditions are `.json` files; the file was not read. Only notes for people (`*.md`, `*.txt`) may sit directly in `rules/`.',
    'warning',
  ),
  e(
    'R015',
    'area-folder-mismatch',
    "The rule's area differs from its folder",
    'A rule with `"area": "x"` belongs in `rules/x/`. Move the file or change the area.',
  ),
  e(
    'R016',
    'id-without-area',
    "The rule's id does not begin with its area",
    'Rule ids are `<area>.<name>`, so that they are unique and say where the rule belongs.',
  ),
  e(
    'R017',
    'duplicate-rule-version',
    'Two files define the same rule and version',
    'Each version of a rule is one file. Give the newer one a new `version`, or remove one.',
  ),
  e('R018', 'no-rules', 'No rule files', 'A project needs at least one rule in `rules/<area>/`.'),
  e(
    'R019',
    'overlapping-versions',
    'Two versions of a rule are in force on the same days',
    'End the earlier version (`"effective": { "to": … }`) the day before the later one starts.',
  ),
  e(
    'R020',
    'no-deadline',
    'The rule has no deadline',
    'Without `"deadline"` its failures are never overdue, so the pages cannot say by when they must be put right. Add e.g. `"deadline": { "days": 0, "basis": "assumed" }`.',
    'warning',
  ),
  e(
    'R021',
    'never-fails',
    'The rule never fails on the current data',
    'On the latest days with reports every check passed: the threshold may be too lax (a percentage written as 0.9 instead of 90, say). If that is meant, say so in the rule: `"expect": { "fires": "never-fails", "reason": "…" }`. Under `--strict` this warning fails `rules check`.',
    'warning',
  ),
  e(
    'R022',
    'never-passes',
    'The rule never passes on the current data',
    'On the latest days with reports every check failed: the threshold may be unreachable. If that is meant, say so in the rule: `"expect": { "fires": "never-passes", "reason": "…" }`. Under `--strict` this warning fails `rules check`.',
    'warning',
  ),
  e(
    'R023',
    'shared-condition-name-mismatch',
    "A shared condition's name differs from its file name",
    'The file `rules/conditions/x.json` holds the shared condition named `x`: rename the file or the condition.',
  ),

  // G: registry
  e(
    'G001',
    'no-levels',
    'No registry file defines the levels',
    'Exactly one file of `data/registry/` has `"levels"`: the chain of levels, top first.',
  ),
  e(
    'G002',
    'levels-defined-twice',
    'More than one registry file defines the levels',
    'Keep `"levels"` in one file.',
  ),
  e(
    'G003',
    'duplicate-entry',
    'A level, unit, place, department, place type, attribute or measurement unit is defined twice',
    'The message says where it was first defined. Each is defined once.',
  ),
  e(
    'G004',
    'unknown-reference',
    'The registry names a level, place type, department, attribute, measurement unit or unit it does not define',
    'The message suggests the nearest defined name. Check the spelling, or define it.',
  ),
  e(
    'G005',
    'level-id-is-language',
    "A level's id is one of the project's languages",
    'Languages are routes of the site (`/en/…`), so a level cannot be called `en` or `zh`. Choose another id.',
  ),
  e(
    'G006',
    'attribute-value',
    'An attribute value that does not apply or does not fit',
    'An attribute applies to units of some levels or places of some types, and has a type and range; the value must fit them.',
  ),
  e(
    'G007',
    'code-length',
    "A unit's code does not have its level's length",
    "Each level's codes have a fixed number of digits (`codeLength`).",
  ),
  e(
    'G008',
    'period',
    'A validity period that ends before it starts, or lies outside its parent',
    "A unit or place is valid within its parent's period, and `validTo` is not before `validFrom`.",
  ),
  e(
    'G009',
    'hierarchy',
    'A parent that is missing, at the wrong level, or loops back; a code that does not begin with its parent',
    "Every unit below the top level belongs to one unit of the level above, and its code begins with the parent's. A place lies in a unit of the lowest level, and its id begins with that unit's code.",
  ),
  e(
    'G010',
    'no-registry-files',
    'No registry files',
    'A project needs JSON files describing the territory in `data/registry/`.',
  ),

  // F: forms
  e(
    'F001',
    'form-id-mismatch',
    "A form's id differs from its file name",
    'The file `data/forms/x.json` holds the form with `"id": "x"`.',
  ),
  e(
    'F002',
    'form-defined-twice',
    'Two files define the same form',
    'Each form is defined once, in `data/forms/<id>.json`: keep one of the two files.',
  ),
  e(
    'F003',
    'form-registry-mismatch',
    'A form names a level, place type or measurement unit the registry does not have',
    'The subjects of a form and the units of its fields come from the registry. Check the spelling, or add them there.',
  ),

  // P: project and configuration
  e(
    'P001',
    'no-project-file',
    'No project file',
    'A project has `shoutu.json` with its languages (the first is the default) and the time zone of "today": `{ "languages": ["zh", "en"], "timeZone": "Asia/Shanghai" }`.',
  ),
  e(
    'P002',
    'no-scoring-method',
    'No scoring method',
    '`rules/scoring.json` gives the severity weights, the policy areas and their weights, the bands and how missing reports count.',
  ),
  e(
    'P003',
    'not-read',
    'An entry that is not read: a link, a hidden or misplaced folder, an unexpected name',
    'Shoutu reads only plain files in the places it expects, and says what it leaves out. Move the entry, rename it, or remove it.',
  ),
  e(
    'P004',
    'not-utf8',
    'A file that is not UTF-8 text',
    'Save the file as UTF-8 (in Excel: "CSV UTF-8"; in an editor: encoding UTF-8).',
  ),
  e(
    'P005',
    'not-a-plain-file',
    'A link or special file where a plain file is expected',
    'Links are not followed. Put the file itself in its place.',
  ),
  e(
    'P006',
    'file-too-large',
    'A file larger than allowed',
    'Each kind of file has a size limit, so that no input can exhaust the machine. Split the file.',
  ),
  e(
    'P007',
    'unreadable-file',
    'A file that could not be read',
    "The message gives the system's reason (permissions, a link loop). Fix the file on disk.",
  ),

  // D: report data
  e(
    'D001',
    'report-file-set-aside',
    'A report file was set aside as a whole',
    'Nothing of the file was used: its name does not say form, unit and day (`<form>.<unit>.csv` in a folder `YYYY-MM-DD`), the form or unit is unknown, its header lacks a required column, it is not valid JSON or CSV, it has too many rows, it is for a day that has not begun, or another file reports the same form, unit and day. Fix what the message says and run again.',
    'set-aside',
  ),
  e(
    'D002',
    'report-row-set-aside',
    'A report row was set aside',
    "The row was left out, the rest of the file was used. Its subject code is missing, unknown, not of the form's subjects or repeated, or a value does not fit its field (the message says what was expected). Rules count the subject as not reported.",
    'set-aside',
  ),
  e(
    'D003',
    'blank-cell',
    'A required value is blank',
    'The row is used; the rules that need this value count it as missing (by their `missing` mode). Fill in the value.',
    'warning',
  ),
  e(
    'D004',
    'unknown-column',
    'A column or field the form does not have; it is ignored',
    'The message suggests the nearest field of the form. Rename the column, or remove it.',
    'warning',
  ),
  e(
    'D005',
    'more-report-problems',
    'More problems in the report file than are listed',
    'Past a fixed number of problems in one file the rest are counted, not listed.',
  ),

  // W: waivers
  e(
    'W001',
    'waiver-set-aside',
    'A waiver was set aside',
    'A waiver names a subject and a rule that exist, a period, and a reason in every language of the project. The message says what is wrong; the waiver does not apply until it is fixed.',
    'set-aside',
  ),
  e(
    'W002',
    'waiver-never-applies',
    'A waiver that would never apply',
    "The rule does not apply to the subject, or the subject is not in force during the waiver's period.",
    'warning',
  ),
  e(
    'W003',
    'waivers-overlap',
    'Two waivers for the same subject and rule cover the same days',
    'Merge them into one, or end one before the other starts.',
    'warning',
  ),
  e(
    'W004',
    'waiver-file-set-aside',
    'A waiver file was set aside as a whole',
    'A waiver file is a `.json` file in `data/waivers/` holding `{ "waivers": [ … ] }`.',
    'set-aside',
  ),
];
