import { createContext, useContext, useState, type ReactNode } from 'react';

/**
 * The interface's own words in English and Chinese. Data (names, titles) is shown as the
 * API gives it. Each view keeps its words beside it: `const text = { en: {...}, zh: {...} }`
 * and `const t = useText(text)`; a missing Chinese word falls back to English.
 */
export type Lang = 'en' | 'zh';

const KEY = 'alliance-graph.lang';

const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({
  lang: 'en',
  setLang: () => undefined,
});

function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.startsWith('zh') ? 'zh' : 'en';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = (next: Lang): void => {
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  return useContext(LangContext);
}

/** The words of `text` in the current language. */
export function useText<T extends Record<string, string>>(text: { en: T; zh: Partial<T> }): T {
  const { lang } = useLang();
  return lang === 'zh' ? { ...text.en, ...text.zh } : text.en;
}
