import { catalogSize, lookupCode } from '../diagnosis/catalog.ts';
import { readCommon } from './common-args.ts';
import { UsageError } from './usage-error.ts';

/** explain CODE: the error-code insight. Loads the catalog and nothing else. */
export async function explain(argv: string[]): Promise<string> {
  const { values, positionals } = readCommon(argv);
  const raw = positionals[0];
  if (!raw || positionals.length > 1) throw new UsageError('explain takes one error code, e.g. explain 53003 or explain AADSTS50126');
  if (!/^(aadsts)?\d{1,9}$/i.test(raw.trim())) throw new UsageError(`"${raw}" is not an error code; give digits, optionally with the AADSTS prefix`);
  const code = Number(raw.trim().replace(/^aadsts/i, ''));
  const i = lookupCode(code);
  const lookup = `https://login.microsoftonline.com/error?code=${code}`;
  if (values.json) {
    return JSON.stringify(
      i
        ? { code, known: true, name: i.name, category: i.category, fixer: i.fixer, meaning: i.meaning, actions: [i.remedy] }
        : {
            code,
            known: false,
            name: null,
            category: null,
            fixer: null,
            meaning: `AADSTS${code} is not in our catalog.`,
            actions: [`Look it up at ${lookup} and read the failure reason on the sign-in event.`],
          },
      null,
      2,
    );
  }
  if (!i) return `AADSTS${code}: not in our catalog of ${catalogSize()} codes. Look it up at ${lookup} and read the failure reason on the sign-in event.`;
  return [`AADSTS${code}${i.name ? ` ${i.name}` : ''} (${i.category}; fixed by: ${i.fixer})`, `What it means: ${i.meaning}`, `What to do: ${i.remedy}`].join(
    '\n',
  );
}
