import { parseMessage, type DirectoryPerson, type ParseContext } from '../../conversation/parse.ts';
import type { AnswerContext } from '../context.ts';
import type { User } from '../../signins/directory.ts';
import type { Step } from '../turn.ts';

/**
 * A message → the command it asks (src/conversation/parse.ts). The parser reads a person only
 * from the tenant's directory when the source holds everyone (a folder: `allUsers`); Graph has
 * no such list, and names are read as typed, to be looked up after.
 */
export const readMessage: Step = async (turn, next) => {
  const { ctx } = turn;
  if (turn.input.kind === 'message') turn.command = parseMessage(turn.input.text, parseContextOf(ctx));
  return next();
};

/** What the parser is told of this turn: the clock, the asker's zone, the tenant's apps and (a folder's) people. */
export function parseContextOf(ctx: AnswerContext): ParseContext {
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    appNames: ctx.appNames,
    ...(ctx.locale ? { locale: ctx.locale } : {}),
    ...(ctx.allUsers ? { people: directoryOf(ctx.allUsers) } : {}),
  };
}

/** The same users give the same array, so the parser's own index of it (kept per array) is built once per context, not per message. */
const mapped = new WeakMap<readonly User[], readonly DirectoryPerson[]>();

export function directoryOf(users: readonly User[]): readonly DirectoryPerson[] {
  let people = mapped.get(users);
  if (!people) {
    people = users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      givenName: u.givenName,
      surname: u.surname,
      userPrincipalName: u.userPrincipalName,
      mail: u.mail,
    }));
    mapped.set(users, people);
  }
  return people;
}
