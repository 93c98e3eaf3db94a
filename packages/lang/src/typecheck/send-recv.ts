import type { z } from '@mgmt/resource';
import type { EdgeField, EdgeStmt } from '../ast/nodes.js';
import { sendRecvChain, sendRecvHalf, sendRecvMismatch, unknownParam, unknownSend } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { fits } from '../types/compat.js';
import { schemaType } from '../types/schema.js';
import { show } from '../types/type.js';
import type { Ctx } from './context.js';

/**
 * The send/recv fields of an edge (`Exec["e"].stdout -> File["f"].content`), before anything
 * runs: as in the Go mgmt, only on an edge of two refs and on both of them; the sender's kind
 * must declare the output (`sends`), the receiver's kind must have the param, and the output's
 * type must fit the param's (both from the kinds' zod schemas; a value that may fit is left to
 * the engine, which validates each received value). Unknown kinds are reported elsewhere.
 */
export function checkSendRecv(stmt: EdgeStmt, ctx: Ctx): void {
  const fields = stmt.fields;
  if (!fields) return;
  const at = (f: EdgeField) => ({ file: ctx.file, span: f.span });
  if (stmt.refs.length > 2) {
    for (const f of fields) if (f) ctx.run.report(sendRecvChain(at(f)));
    return;
  }
  const [send, recv] = fields;
  const [from, to] = stmt.refs;
  if (!send || !recv) {
    ctx.run.report(sendRecvHalf(send ? at(send) : at(recv!), send ? 'receiver' : 'sender'));
    return;
  }
  const sender = ctx.run.registry.get(from!.kind)?.definition;
  const receiver = ctx.run.registry.get(to!.kind)?.definition;
  let output: z.ZodType | undefined;
  if (sender) {
    const known = Object.keys(sender.sends?.shape ?? {});
    output = sender.sends?.shape[send.name] as z.ZodType | undefined;
    if (!output) ctx.run.report(unknownSend(at(send), sender.kind, send.name, closest(send.name, known), known));
  }
  let param: z.ZodType | undefined;
  if (receiver) {
    const known = Object.keys(receiver.params.shape);
    param = receiver.params.shape[recv.name] as z.ZodType | undefined;
    if (!param) ctx.run.report(unknownParam(at(recv), receiver.kind, recv.name, closest(recv.name, known), known));
  }
  if (!output || !param) return;
  const found = schemaType(output);
  const expected = schemaType(param);
  if (fits(found, expected, false) === 'no') {
    ctx.run.report(sendRecvMismatch(at(recv), sender!.kind, send.name, show(found), receiver!.kind, recv.name, show(expected)));
  }
}
