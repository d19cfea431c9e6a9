package io.boreal.actors.impl.plan;

import com.esotericsoftware.kryo.Kryo;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.transport.kryo.KryoRegistrar;

/**
 * Registration ids 600–699: what the planner puts into partition requests, which cross nodes —
 * a compiled WHERE ({@link BoundFilter}), SET list ({@link UpdatePlan.SetTransform}) and fold of
 * the rows read ({@link PartialAggregate}, {@link TopRows}) with their parameters, and the
 * expression trees inside them.
 */
public final class PlanKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(Kryo kryo) {
        kryo.register(BoundFilter.class, 600);
        kryo.register(UpdatePlan.SetTransform.class, 601);
        kryo.register(PartialAggregate.class, 602);
        kryo.register(TopRows.class, 603);
        kryo.register(AggregateCall.class, 604);
        kryo.register(AggregateCall.Kind.class, 605);
        kryo.register(Expr.Const.class, 610);
        kryo.register(Expr.Param.class, 611);
        kryo.register(Expr.Column.class, 612);
        kryo.register(Expr.CmpOp.class, 613);
        kryo.register(Expr.Compare.class, 614);
        kryo.register(Expr.And.class, 615);
        kryo.register(Expr.Or.class, 616);
        kryo.register(Expr.Not.class, 617);
        kryo.register(Expr.IsNull.class, 618);
        kryo.register(Expr.In.class, 619);
        kryo.register(Expr.Like.class, 620);
        kryo.register(Expr.Arithmetic.class, 621);
        kryo.register(Expr.Negate.class, 622);
    }
}
