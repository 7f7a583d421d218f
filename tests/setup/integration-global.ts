import type { TestProject } from "vitest/node";
import { createTemplateDatabase, removeDatabase } from "./temp-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const template = await createTemplateDatabase();
  project.provide("templateDatabase", template);
  return () => removeDatabase(template);
}
