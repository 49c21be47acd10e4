package vaelab.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the graph that the ops recorded: visit every node that leads to
 * the loss in reverse topological order, so each node's gradient is complete (all its uses have added
 * into it) before it is passed on. Afterwards the graph is cut, so its closures and the forward
 * buffers they hold can be collected and memory does not grow across training steps.
 */
final class Backprop {
    private Backprop() {
    }

    /** @param seed the gradient of the loss with respect to {@code root} (ones for a scalar loss) */
    static void run(Tensor root, float[] seed) {
        List<Tensor> order = topologicalOrder(root);
        float[] rootGrad = root.gradBuffer();
        for (int i = 0; i < seed.length; i++) {
            rootGrad[i] += seed[i];
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            if (node.grad() != null) {
                node.backwardFn().propagate(node.grad());
            }
        }
        for (Tensor node : order) {
            node.releaseGraph();
        }
    }

    /** Nodes with a backward closure, each after all of its inputs. Iterative: graphs of long GRU sequences are deep. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        if (root.backwardFn() == null) {
            return Collections.emptyList();
        }
        stack.push(root);
        nextChild.push(0);
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor node = stack.peek();
            int child = nextChild.pop();
            Tensor[] inputs = node.inputs();
            if (child < inputs.length) {
                nextChild.push(child + 1);
                Tensor in = inputs[child];
                if (in.backwardFn() != null && !visited.containsKey(in)) {
                    visited.put(in, Boolean.TRUE);
                    stack.push(in);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
