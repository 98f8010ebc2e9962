import { authenticate } from '../steps/authenticate';
import { authorizeAction } from '../steps/authorize-action';
import { authorizeItem } from '../steps/authorize-item';
import { beginWrite } from '../steps/begin-write';
import { checkAccess } from '../steps/check-access';
import { checkStateRules } from '../steps/check-state-rules';
import { checkDocumentLimit } from '../steps/check-document-limit';
import { checkCollections } from '../steps/check-collections';
import { checkIfMatch } from '../steps/check-if-match';
import { checkKeyChange } from '../steps/check-key-change';
import { checkReferences } from '../steps/check-references';
import { checkUnification } from '../steps/check-unification';
import { deleteDocument } from '../steps/delete-document';
import { extractIdentity } from '../steps/extract-identity';
import { loadExisting } from '../steps/load-existing';
import { parseBody } from '../steps/parse-body';
import { parseId } from '../steps/parse-id';
import { queryCollection } from '../steps/query-collection';
import { renderItem } from '../steps/render-item';
import { replaceDocument } from '../steps/replace-document';
import { resolveResource } from '../steps/resolve-resource';
import { upsertDocument } from '../steps/upsert-document';
import { validateBody } from '../steps/validate-body';
import { validateDescriptors } from '../steps/validate-descriptors';
import type { Step } from './context';

/** The data actions of the resource API. */
export type DataAction = 'upsert' | 'update' | 'getById' | 'getCollection' | 'delete';

/** The steps of each action, in order: this file is the one place to read what a request goes through. */
export const pipelines: Record<DataAction, Step[]> = {
  upsert: [
    authenticate,
    resolveResource,
    authorizeAction,
    checkAccess,
    parseBody,
    validateBody,
    checkCollections,
    checkUnification,
    extractIdentity,
    beginWrite,
    validateDescriptors,
    authorizeItem,
    checkReferences,
    checkStateRules,
    checkDocumentLimit,
    upsertDocument,
  ],
  update: [
    authenticate,
    resolveResource,
    authorizeAction,
    checkAccess,
    parseId,
    parseBody,
    beginWrite,
    loadExisting,
    checkIfMatch,
    validateBody,
    checkCollections,
    checkUnification,
    extractIdentity,
    checkKeyChange,
    validateDescriptors,
    authorizeItem,
    checkReferences,
    checkStateRules,
    replaceDocument,
  ],
  getById: [authenticate, resolveResource, parseId, loadExisting, authorizeItem, renderItem],
  getCollection: [authenticate, resolveResource, queryCollection],
  delete: [authenticate, resolveResource, authorizeAction, parseId, beginWrite, loadExisting, authorizeItem, checkIfMatch, deleteDocument],
};
