/** The pane's texts per language, and the React context that carries the current ones. */
import { createContext, useContext } from 'react';
import type { Language } from '../../rules/types';
import { en } from './en';
import type { UiStrings } from './types';
import { zhCN } from './zh-CN';

export type { UiStrings } from './types';

export function stringsFor(language: Language): UiStrings {
  return language === 'en' ? en : zhCN;
}

/** Chinese unless a provider says otherwise: the product's default language. */
export const StringsContext = createContext<UiStrings>(zhCN);

export function useStrings(): UiStrings {
  return useContext(StringsContext);
}
