import { Lazy } from 'cdktf';
import {
  disableTokenStackTraces,
  TOKEN_STACK_TRACES_VARIABLE,
  withoutTokenStackTraces,
} from '../src';
// The unit tests run with the traces off (tools/jest-setup.cjs); this file starts from Node's own.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the Jest setup file, not a package
import { restoreTokenStackTraces } from '../../../tools/jest-setup.cjs';

beforeAll(() => restoreTokenStackTraces());
afterAll(() => {
  disableTokenStackTraces();
});

/** The trace cdktf recorded when it created a token (IResolvable.creationStack). */
function creationStack(): string[] {
  return Lazy.anyValue({ produce: () => 'x' }).creationStack;
}

function capturedIntoPlainObject(): string | undefined {
  const plain: { stack?: string } = { stack: '' };
  Error.captureStackTrace(plain);
  return plain.stack;
}

describe('withoutTokenStackTraces', () => {
  it('leaves traces captured into plain objects (what cdktf records per token) empty', () => {
    expect(capturedIntoPlainObject()).toContain('token-stack-traces.test.ts');
    expect(withoutTokenStackTraces(capturedIntoPlainObject, {})).toBe('');
    expect(creationStack().length).toBeGreaterThan(0);
    expect(withoutTokenStackTraces(creationStack, {})).toEqual([]);
  });

  it('does not walk the stack for plain objects (cdktf asks for every frame of every token)', () => {
    const walked = withoutTokenStackTraces(() => {
      const hook = Error.prepareStackTrace;
      // A walk would hand its frames to this hook; none may happen.
      Error.prepareStackTrace = () => 'walked';
      try {
        const plain = { stack: 'untouched' };
        Error.captureStackTrace(plain);
        return plain.stack;
      } finally {
        Error.prepareStackTrace = hook;
      }
    }, {});
    expect(walked).toBe('');
  });

  it('still captures errors, hiding the frames above the function named', () => {
    function hiddenFrame(): { stack?: string } {
      const target = new Error('subclass-style capture');
      Error.captureStackTrace(target, hiddenFrame);
      return target;
    }
    const stack = withoutTokenStackTraces(() => hiddenFrame().stack, {});
    expect(stack).toMatch(/^Error: subclass-style capture\n {4}at /);
    expect(stack).not.toContain('hiddenFrame');
    expect(stack).not.toContain('captureErrorsOnly');
  });

  it('keeps the stack of errors thrown inside, in V8 format', () => {
    const stack = withoutTokenStackTraces(() => new Error('broken construct').stack, {});
    expect(stack).toMatch(/^Error: broken construct\n {4}at /);
    expect(stack).toContain('token-stack-traces.test.ts');
  });

  it('restores the previous hook afterwards, also when the work throws', () => {
    const before = Error.prepareStackTrace;
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error('fails inside');
      }, {}),
    ).toThrow('fails inside');
    expect(Error.prepareStackTrace).toBe(before);
    expect(Error.captureStackTrace.name).toBe('captureStackTrace');
    expect(capturedIntoPlainObject()).toContain('token-stack-traces.test.ts');
  });

  it('removes its hook afterwards when there was none before', () => {
    const hadOwn = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
    const before = Error.prepareStackTrace;
    Reflect.deleteProperty(Error, 'prepareStackTrace');
    try {
      withoutTokenStackTraces(() => undefined, {});
      expect(Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace')).toBe(false);
    } finally {
      if (hadOwn) Error.prepareStackTrace = before;
    }
  });

  it(`keeps every trace when ${TOKEN_STACK_TRACES_VARIABLE}=1`, () => {
    const env = { [TOKEN_STACK_TRACES_VARIABLE]: '1' };
    expect(withoutTokenStackTraces(capturedIntoPlainObject, env)).toContain(
      'token-stack-traces.test.ts',
    );
  });

  it('returns what the work returns', () => {
    expect(withoutTokenStackTraces(() => 42, {})).toBe(42);
  });
});

describe('disableTokenStackTraces', () => {
  it('leaves the traces empty until the function it returns puts them back', () => {
    const restore = disableTokenStackTraces({});
    try {
      expect(capturedIntoPlainObject()).toBe('');
      expect(creationStack()).toEqual([]);
    } finally {
      restore();
    }
    expect(capturedIntoPlainObject()).toContain('token-stack-traces.test.ts');
  });

  it('formats errors with the hook that was there before (source maps under Jest)', () => {
    const before = Error.prepareStackTrace;
    Error.prepareStackTrace = (error) => `formatted by the previous hook: ${String(error)}`;
    const restore = disableTokenStackTraces({});
    try {
      expect(new Error('inside').stack).toBe('formatted by the previous hook: Error: inside');
    } finally {
      restore();
      Error.prepareStackTrace = before;
    }
  });

  it(`changes nothing when ${TOKEN_STACK_TRACES_VARIABLE}=1`, () => {
    const restore = disableTokenStackTraces({ [TOKEN_STACK_TRACES_VARIABLE]: '1' });
    try {
      expect(capturedIntoPlainObject()).toContain('token-stack-traces.test.ts');
    } finally {
      restore();
    }
  });
});
