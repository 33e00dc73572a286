declare module 'qrcode-terminal' {
  interface Options {
    readonly small?: boolean;
  }
  const qrcode: {
    generate(input: string, options?: Options, callback?: (qr: string) => void): void;
  };
  export default qrcode;
}
