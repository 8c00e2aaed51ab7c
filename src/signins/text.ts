/** Case- and accent-insensitive form of a name, for matching what a person typed ("Zoë" = "zoe"). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
