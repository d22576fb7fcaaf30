import { ListSkeleton } from "@/components/ui/skeleton";

/**
 * The list's loading state. It lives in the `(list)` route group so its Suspense boundary wraps
 * the list page only: a detail route under it would stream its 200 before notFound() could answer 404.
 */
export default function Loading() {
  return <ListSkeleton />;
}
