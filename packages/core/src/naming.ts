// Naming lives in packages/config (no cdktf there), so stacks, constructs, tools and the diagram
// share one implementation; core re-exports it for constructs that import naming from core.
export {
  checkName,
  NAME_RULES,
  type NamedResource,
  NamingError,
  type NamingContext,
  ResourceNamer,
} from '@genai-sandbox/config';
