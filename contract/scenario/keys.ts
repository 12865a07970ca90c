// The demo agencies' keys, read from the file the API writes when it seeds them (Demo:KeysFile).
import { readFileSync } from "node:fs";

export interface Keys {
  admin: string;
  polda: string;
  uptd: string;
  rsud: string;
  komnas: string;
}

export function readKeys(keysFile: string, adminKey: string): Keys {
  const byCode = new Map(
    readFileSync(keysFile, "utf8")
      .split("\n")
      .map((line) => line.split("\t"))
      .filter((parts) => parts.length === 2)
      .map(([code = "", key = ""]) => [code, key]),
  );
  const key = (code: string): string => {
    const value = byCode.get(code);
    if (!value) throw new Error(`${keysFile} has no key for ${code}`);
    return value;
  };
  return {
    admin: adminKey,
    polda: key("POLDA-KALBAR-PPA"),
    uptd: key("UPTD-PPA-KALBAR"),
    rsud: key("RSUD-SOEDARSO"),
    komnas: key("KOMNAS-PEREMPUAN"),
  };
}

/** An environment variable the run cannot do without. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
