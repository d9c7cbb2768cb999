/**
 * One-thing bundles (一件事): "一套材料" — a material needed by several items of
 * a bundle is collected once. Materials are the same document when they share
 * a `sharedMaterialId`.
 */
import type { Bundle, Catalog, Item, Material } from '../catalog/schema';

export interface SharedMaterial {
  sharedMaterialId: string;
  name: string;
  /** basic codes of the bundle's items that need it */
  itemCodes: string[];
  materials: { itemCode: string; material: Material }[];
}

export interface ResolvedBundle {
  bundle: Bundle;
  items: { item: Item; handlingItemCode?: string; optional: boolean }[];
  departmentCodes: string[];
  /** materials used by two or more of the bundle's items */
  sharedMaterials: SharedMaterial[];
}

export function resolveBundle(catalog: Catalog, bundle: Bundle): ResolvedBundle {
  const byCode = new Map(catalog.items.map((i) => [i.basicCode, i]));
  const items = bundle.items.flatMap((ref) => {
    const item = byCode.get(ref.basicCode);
    return item ? [{ item, handlingItemCode: ref.handlingItemCode, optional: ref.optional }] : [];
  });
  const departmentCodes: string[] = [];
  for (const { item } of items) {
    for (const code of [item.departmentCode, ...item.coHandlingDepartmentCodes]) {
      if (!departmentCodes.includes(code)) departmentCodes.push(code);
    }
  }
  const shared = new Map<string, SharedMaterial>();
  for (const { item } of items) {
    for (const material of item.materials) {
      if (!material.sharedMaterialId) continue;
      const entry = shared.get(material.sharedMaterialId) ?? {
        sharedMaterialId: material.sharedMaterialId,
        name: material.name,
        itemCodes: [],
        materials: [],
      };
      if (!entry.itemCodes.includes(item.basicCode)) entry.itemCodes.push(item.basicCode);
      entry.materials.push({ itemCode: item.basicCode, material });
      shared.set(material.sharedMaterialId, entry);
    }
  }
  return {
    bundle,
    items,
    departmentCodes,
    sharedMaterials: [...shared.values()].filter((s) => s.itemCodes.length > 1),
  };
}
