// The `hyphen` package ships no types; these are the two functions we use.
declare module 'hyphen/nl/index.js' {
  interface Options {
    hyphenChar?: string;
    minWordLength?: number;
    exceptions?: string[];
  }
  const hyphen: {
    hyphenateSync(text: string, options?: Options): string;
    hyphenate(text: string, options?: Options): Promise<string>;
  };
  export default hyphen;
}
