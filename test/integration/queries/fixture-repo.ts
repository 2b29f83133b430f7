/** The fixture repository of the named-query tests: relative path → file content. See test/fixtures/queries/README.md. */
export const FIXTURE_FILES: Readonly<Record<string, string>> = {
  'app/__init__.py': '',
  'app/util.py': `def shout(text):
    return text.upper()
`,
  'app/greet.py': `from app.util import shout


def greet(name):
    return shout("hello " + name)


def unused_helper():
    return 1
`,
  'app/models.py': `class Animal:
    def speak(self):
        return "..."


class Dog(Animal):
    def speak(self):
        return "woof"


class Puppy(Dog):
    def play(self):
        return "ball"
`,
  'app/main.py': `from app.greet import greet
from app.models import Dog


def main():
    print(greet("world"))
    print(greet("again"))
    return Dog
`,
  'app/cycle_a.py': `from app.cycle_b import pong


def ping(n):
    return pong(n - 1) if n > 0 else 0
`,
  'app/cycle_b.py': `from app.cycle_a import ping


def pong(n):
    return ping(n - 1) if n > 0 else 1
`,
  'app/orphan.py': `def lonely():
    return 42
`,
  'web/shapes.ts': `export interface Shape {
  area(): number;
}

export abstract class Base implements Shape {
  abstract area(): number;

  describe(): string {
    return 'area ' + this.area();
  }
}

export class Square extends Base {
  constructor(private readonly side: number) {
    super();
  }

  area(): number {
    return this.side * this.side;
  }
}
`,
  'web/format.ts': `export function formatArea(value: number): string {
  return value.toFixed(2);
}
`,
  'web/index.ts': `import { Square } from './shapes.js';
import { formatArea } from './format.js';

export function run(): string {
  const square = new Square(2);
  return formatArea(square.area());
}
`,
  'web/unused.ts': `export function unusedTs(): number {
  return 7;
}
`,
  'web/ring-a.ts': `import './ring-b.js';

export function ringA(): number {
  return 1;
}
`,
  'web/ring-b.ts': `import './ring-c.js';

export function ringB(): number {
  return 2;
}
`,
  'web/ring-c.ts': `import './ring-a.js';

export function ringC(): number {
  return 3;
}
`,
  'README.md': '# fixture\n\nA tiny repository for the named-query tests.\n',
};

/**
 * An older snapshot of the same repository, for `changed-symbols`: `greet` had another body shape, `unused_helper`
 * did not exist yet, `old_greet` existed and was removed later; everything else is identical.
 */
export const BASELINE_FILES: Readonly<Record<string, string>> = {
  ...FIXTURE_FILES,
  'app/greet.py': `from app.util import shout


def greet(name):
    message = "hello"
    return shout(message)


def old_greet():
    return "hi"
`,
};
