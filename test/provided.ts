/** Values the global setup provides to every test file (vitest `provide` / `inject`). */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

export {};
